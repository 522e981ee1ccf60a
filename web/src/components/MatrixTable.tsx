import type { ComponentChildren } from 'preact';
import { tx } from '../i18n';
import type { Method } from '../types';

interface Props {
  method: Method;
  caption: string; // read by screen readers only: the table says what it is
  corner?: ComponentChildren; // the top-left cell
  testid?: string;
  /** What one cell holds: the likelihood row, the impact column and the level the method gives them. */
  cell: (likelihood: string, impact: string, level: string) => ComponentChildren;
}

/** The method's likelihood × impact matrix as a table, most likely row on top: the one layout the
 * heat maps and the method help share; each caller says what a cell shows. */
export function MatrixTable({ method, caption, corner, testid, cell }: Props) {
  const rows = [...method.likelihoods].reverse();
  return (
    <table class="hm-grid" data-testid={testid}>
      <caption class="visually-hidden">{caption}</caption>
      <colgroup>
        <col class="hm-col-head" />
        {method.impacts.map((i) => <col key={i} />)}
      </colgroup>
      <thead>
        <tr>
          <td>{corner}</td>
          {method.impacts.map((i) => <th scope="col" key={i}>{tx('imp', i)}</th>)}
        </tr>
      </thead>
      <tbody>
        {rows.map((l) => (
          <tr key={l}>
            <th scope="row">{tx('lik', l)}</th>
            {method.impacts.map((i, ci) => <td key={i}>{cell(l, i, method.matrix[l][ci])}</td>)}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
