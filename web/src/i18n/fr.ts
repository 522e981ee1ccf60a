import type { Messages } from './en';
import en from './en';
const fr: Messages = { ...en };
export default fr;
