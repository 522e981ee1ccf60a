// Names for the ids records point at (issue 18, plain language): a person reads "Kalari area SRA"
// and "Amina Diallo", never "sra_1430e434…" or "amina.d". The server names every reference in the
// answer that carries it (api/reference_names.h): sra_title, specific_sra_title,
// measure_description, egs_decision_name, country_name, and display_name on each user reference,
// each empty when the reader may not see the record. Nothing is fetched here (opening a budget no
// longer reads its SRAs, which wrote an access-log entry each): these only choose the words, with a
// neutral phrase in the user's language when there is no name, never the bare id.
import { fmtDate, t } from './i18n';

/** An SRA by its title in quotes, or "an SRA" (one the reader may not see, or gone). */
export function sraName(title: string | null | undefined): string {
  return title ? '“' + title + '”' : t('plain.unnamed_sra');
}

/** An EGS decision by its area and window, or "an EGS decision". */
export function egsName(n: { area_name: string; from: string; to: string } | null | undefined): string {
  if (!n) return t('plain.unnamed_egs');
  return t('plain.egs_name', { area: n.area_name, from: fmtDate(n.from), to: fmtDate(n.to) });
}

/** A country by its name, or "a country". */
export function countryName(name: string | null | undefined): string {
  return name || t('plain.unnamed_country');
}

/** A measure of an SRA by its description, or "a measure". */
export function measureName(description: string | null | undefined): string {
  return description || t('dif.a_measure');
}

/** A person by their display name; the username only when the server has none for them. */
export function personName(u: { username: string; display_name?: string } | null | undefined): string {
  if (!u) return '';
  return u.display_name || u.username;
}
