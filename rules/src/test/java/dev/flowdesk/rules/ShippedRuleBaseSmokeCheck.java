package dev.flowdesk.rules;
class ShippedRuleBaseSmokeCheck {
    public static void main(String[] args) throws Exception {
        long t = System.nanoTime();
        RuleBase rb = RuleSetCompiler.shipped();
        System.out.println("compile ms " + (System.nanoTime() - t) / 1e6);
        System.out.println(rb.decide(Tickets.ticket().subject("Netzwerkdrucker kaputt").vip().tier("GOLD").impact(Level.LOW).urgency(Level.LOW).floor(Priority.P3).type("CHANGE").build()));
        System.out.println(rb.decide(Tickets.ticket().build()));
        t = System.nanoTime();
        rb = RuleSetCompiler.shipped();
        System.out.println("compile ms " + (System.nanoTime() - t) / 1e6);
    }
}
