import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Area, Method, Organization, User } from './types';

export interface AppState {
  user: User;
  method: Method;
  areas: Area[];
  orgs: Organization[];
  inboxCount: number;
  refreshInbox: () => void;
}

export const AppContext = createContext<AppState | null>(null);

export function useApp(): AppState {
  const s = useContext(AppContext);
  if (!s) throw new Error('AppContext missing');
  return s;
}

export function areaName(s: AppState, id: string): string {
  return s.areas.find((a) => a.id === id)?.name ?? id;
}

export function orgName(s: AppState, id: string): string {
  const o = s.orgs.find((x) => x.id === id);
  return o ? o.code : id;
}
