import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// The bundle lands where Spring Boot serves static content from a jar on the classpath
// (classpath:/META-INF/resources/), so the engine serves index.html at "/" with no controller.
// `npm run dev` proxies the API and the login pages to a running engine or to e2e/mock-server.mjs.
const backend = process.env.FLOWDESK_URL || 'http://localhost:8080';

export default defineConfig({
  base: '/',
  build: {
    outDir: 'target/classes/META-INF/resources',
    emptyOutDir: true,
    // formio.js alone is ~1.5 MB minified; one chunk per area comes with the agent and design areas.
    chunkSizeWarningLimit: 3000,
    // Two pages: the app (index.html, needs a signed-in session) and the password reset page, which is reached
    // without one (the login page's "Forgot password?" and the mailed link; issue 15 part 2).
    rollupOptions: {
      input: {
        main: fileURLToPath(new URL('index.html', import.meta.url)),
        reset: fileURLToPath(new URL('password-reset.html', import.meta.url)),
      },
    },
    sourcemap: false,
    // The Flowdesk bpmnlint plugin (lint/bpmnlint-plugin-flowdesk) is CommonJS, as bpmnlint loads plugins with
    // require(); npm links it into node_modules, so vite sees its real path outside node_modules.
    commonjsOptions: {
      include: [/node_modules/, /lint\/bpmnlint-plugin-flowdesk\//],
    },
  },
  server: {
    proxy: {
      '/api': backend,
      '/login': backend,
      '/logout': backend,
    },
  },
});
