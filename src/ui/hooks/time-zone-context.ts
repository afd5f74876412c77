/**
 * The zone the header's "Times" switch chose, for components far below the views (charts, "About this
 * model") that print times but are rendered by panels that have no reason to carry it.
 */
import { createContext, useContext } from 'react';
import type { TimeZoneChoice } from '../logic/format.ts';

export const TimeZoneContext = createContext<TimeZoneChoice>('local');

export function useTimeZone(): TimeZoneChoice {
  return useContext(TimeZoneContext);
}
