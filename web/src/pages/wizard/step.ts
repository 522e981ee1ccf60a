// What every step of the wizard receives, and the readers its inputs share.
import type { useApp } from '../../state';
import type { Sra } from '../../types';
import type { Errors } from '../../components/ui';
import type { Header, ScenEdit } from './model';

export interface StepProps {
  doc: Sra;
  hdr: Header;
  setH: (f: (h: Header) => Header) => void;
  scn: Record<string, ScenEdit>;
  setS: (sid: string, f: (e: ScenEdit) => ScenEdit) => void;
  /** The error at a header field ('scope.trigger', 'programmes[0].pc'). */
  err: (k: string) => string | undefined;
  /** Every error; a scenario's are keyed '<scenario id>:<field>'. */
  errors: Errors;
  canEdit: boolean;
  id: string;
  app: ReturnType<typeof useApp>;
}

export const val = (e: Event) => (e.target as HTMLInputElement).value;

/** A count typed in a number input: 0 for anything that is not a non-negative integer. */
export const num = (e: Event) => {
  const n = parseInt(val(e), 10);
  return isNaN(n) || n < 0 ? 0 : n;
};
