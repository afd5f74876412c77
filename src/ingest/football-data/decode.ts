/**
 * Bytes of a CSV file → text. football-data.co.uk serves UTF-8 (with a BOM since 2024-25), but a few older
 * files carry Windows-1252 team or referee names, so strict UTF-8 is tried first and cp1252 is the fallback.
 */
const utf8 = new TextDecoder('utf-8', { fatal: true });
const latin1 = new TextDecoder('latin1');

/**
 * Windows-1252 differs from Latin-1 only in 0x80–0x9F (€, curly quotes, Š, Ž, …). Some Node builds decode
 * 'windows-1252' as plain Latin-1, so those 32 bytes are mapped here (0 = undefined in cp1252, kept as is).
 */
const CP1252_HIGH = [
  0x20ac, 0, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0,
  0x017d, 0, 0, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a,
  0x0153, 0, 0x017e, 0x0178,
];

export function decodeCp1252(bytes: Uint8Array): string {
  return latin1.decode(bytes).replace(/[\u0080-\u009f]/g, (c) => {
    const mapped = CP1252_HIGH[c.charCodeAt(0) - 0x80];
    return mapped ? String.fromCharCode(mapped) : c;
  });
}

export interface DecodedText {
  readonly text: string;
  readonly encoding: 'utf-8' | 'windows-1252';
}

/** True when the bytes open with the UTF-8 byte-order mark (EF BB BF). */
function hasUtf8Bom(bytes: Uint8Array): boolean {
  return bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
}

export function decodeCsvBytes(bytes: Uint8Array): DecodedText {
  // The BOM is cut off before the encoding of the rest is decided: a UTF-8 file holding one Windows-1252 byte is
  // read as cp1252, which would turn its BOM into `ï»¿` and the first header name into `ï»¿Div`.
  const body = hasUtf8Bom(bytes) ? bytes.subarray(3) : bytes;
  try {
    return { text: utf8.decode(body), encoding: 'utf-8' };
  } catch {
    // Line by line: a UTF-8 file with one stray cp1252 byte (a field edited in a Windows tool) keeps its UTF-8
    // names as written. Decoded whole as cp1252, every `Ü` became `Ãœ`, a second club beside the first.
    const lines: string[] = [];
    let start = 0;
    while (start <= body.length) {
      const end = body.indexOf(0x0a, start);
      const line = body.subarray(start, end < 0 ? body.length : end);
      lines.push(decodeLine(line));
      if (end < 0) break;
      start = end + 1;
    }
    return { text: lines.join('\n'), encoding: 'windows-1252' };
  }
}

/** One line's text: UTF-8 when its bytes are, else Windows-1252. */
function decodeLine(line: Uint8Array): string {
  try {
    return utf8.decode(line);
  } catch {
    return decodeCp1252(line);
  }
}

/**
 * Characters no football-data text holds: C0 controls other than tab, CR and LF, DEL, C1 controls (bytes
 * undefined in Windows-1252 decode to these) and U+FFFD. Binary files and garbled bytes decode to them.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is what it is for.
const NOT_TEXT = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ufffd]/;

/** Where the first character that is not text sits (0-based index), or −1 when the text is clean. */
export function firstNonTextIndex(text: string): number {
  return text.search(NOT_TEXT);
}
