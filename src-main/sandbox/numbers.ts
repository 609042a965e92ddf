import type { Random } from './prng';

/** ECHA submission numbers look like AAD678032-54: 3 upper-case letters, 6 digits, '-', 2 digits. */
export const SUBMISSION_NUMBER_PATTERN = /^[A-Z]{3}[0-9]{6}-[0-9]{2}$/;

/** The dummy number connectivity mode answers with (the one the spec's samples use throughout). */
export const CONNECTIVITY_SUBMISSION_NUMBER = 'AAD678032-54';

/** SCIP numbers, PCN numbers and dossier UUIDs are plain UUIDs. */
export const UUID_PATTERN = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

export function makeSubmissionNumber(random: Random): string {
  let s = '';
  for (let i = 0; i < 3; i++) s += LETTERS.charAt(random.int(26));
  for (let i = 0; i < 6; i++) s += String(random.int(10));
  s += '-';
  for (let i = 0; i < 2; i++) s += String(random.int(10));
  return s;
}
