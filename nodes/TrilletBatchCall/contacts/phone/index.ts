// Phone numbers: what the rest of contacts/ may use of them.
export { normalisePhoneNumber, type PhoneCheck } from './phoneNumber';
