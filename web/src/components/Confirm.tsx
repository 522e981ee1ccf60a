// The question asked before a step that cannot be taken back (publishing an SRA, deciding a
// clearance, an EGS go/no-go): it names what will happen and to whom. A modal <dialog>: the page
// behind is inert, Tab stays inside, Escape or Cancel answers no, and focus starts on Cancel so a
// stray Enter never confirms.
import type { ComponentChildren } from 'preact';
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { t } from '../i18n';

export interface ConfirmRequest {
  title: string;
  body: ComponentChildren;
  /** The confirming button's words: the action itself ("Approve and publish"), never "OK". */
  confirm: string;
  danger?: boolean;
}

type Open = ConfirmRequest & { resolve: (ok: boolean) => void };

/** `ask(request)` opens the dialog and resolves to the answer; render `dialog` somewhere in the page. */
export function useConfirm(): { dialog: preact.JSX.Element | null; ask: (r: ConfirmRequest) => Promise<boolean> } {
  const [open, setOpen] = useState<Open | null>(null);
  const ask = useCallback((r: ConfirmRequest) => new Promise<boolean>((resolve) => setOpen({ ...r, resolve })), []);
  const dialog = open ? (
    <ConfirmDialog {...open} onClose={(ok) => { open.resolve(ok); setOpen(null); }} />
  ) : null;
  return { dialog, ask };
}

function ConfirmDialog({ title, body, confirm, danger, onClose }: ConfirmRequest & { onClose: (ok: boolean) => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current!;
    const back = document.activeElement as HTMLElement | null;
    if (!d.open) d.showModal();
    d.querySelector<HTMLElement>('[data-testid=confirm-cancel]')?.focus();
    return () => back?.focus?.();
  }, []);
  const trap = (e: KeyboardEvent) => {
    if (e.key !== 'Tab') return;
    const items = [...ref.current!.querySelectorAll<HTMLElement>('button, [href], input, select, textarea')];
    const first = items[0], last = items[items.length - 1];
    if (e.shiftKey && document.activeElement === first) { e.preventDefault(); last.focus(); }
    else if (!e.shiftKey && document.activeElement === last) { e.preventDefault(); first.focus(); }
  };
  return (
    <dialog ref={ref} class="confirm" role="dialog" aria-modal="true" aria-labelledby="confirm-title" aria-describedby="confirm-body"
      data-testid="confirm" onKeyDown={trap} onCancel={(e) => { e.preventDefault(); onClose(false); }}>
      <h2 id="confirm-title">{title}</h2>
      <div id="confirm-body" class="confirm-body">{body}</div>
      <div class="btn-row confirm-actions">
        <button type="button" class="btn" data-testid="confirm-cancel" onClick={() => onClose(false)}>{t('common.cancel')}</button>
        <button type="button" class={'btn ' + (danger ? 'btn-danger' : 'btn-primary')} data-testid="confirm-ok" onClick={() => onClose(true)}>{confirm}</button>
      </div>
    </dialog>
  );
}
