/**
 * Bytes of a CSV file → text. football-data.co.uk serves UTF-8 (with a BOM since 2024-25), but a few older
 * files carry Windows-1252 team or referee names, so strict UTF-8 is tried first and cp1252 is the fallback.
 */
const utf8 = new TextDecoder('utf-8', { fatal: true });
const cp1252 = new TextDecoder('windows-1252');

export interface DecodedText {
  readonly text: string;
  readonly encoding: 'utf-8' | 'windows-1252';
}

export function decodeCsvBytes(bytes: Uint8Array): DecodedText {
  let text: string;
  let encoding: DecodedText['encoding'] = 'utf-8';
  try {
    text = utf8.decode(bytes);
  } catch {
    text = cp1252.decode(bytes);
    encoding = 'windows-1252';
  }
  // TextDecoder strips a leading BOM by default; the check keeps text handed over from elsewhere clean too.
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return { text, encoding };
}
