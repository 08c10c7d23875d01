import { request } from './http';

/** The client of `/api/calendars` (issue 11 part 6): business calendars per queue. */

export const WEEKDAYS = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export interface Hours {
  start: string;
  end: string;
}

export interface BusinessCalendar {
  id: number;
  name: string;
  timeZone: string;
  hours: Partial<Record<Weekday, Hours>>;
  holidays: string[];
  queues: string[];
  version: number;
  updatedAt: string;
  updatedBy: string;
}

export interface CalendarDraft {
  name: string;
  timeZone: string;
  hours: Partial<Record<Weekday, Hours>>;
  holidays: string[];
  queues: string[];
  version?: number;
}

export const calendars = {
  list: () => request<BusinessCalendar[]>('GET', '/api/calendars'),
  create: (draft: CalendarDraft) => request<BusinessCalendar>('POST', '/api/calendars', draft),
  update: (id: number, draft: CalendarDraft) => request<BusinessCalendar>('PUT', `/api/calendars/${id}`, draft),
  remove: (id: number) => request<void>('DELETE', `/api/calendars/${id}`),
};
