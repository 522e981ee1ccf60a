import type { Messages } from './en';
import en from './en';
const ar: Messages = { ...en };
export default ar;
