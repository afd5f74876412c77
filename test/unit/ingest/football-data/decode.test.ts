import { describe, expect, it } from 'vitest';
import { decodeCsvBytes } from '../../../../src/ingest/football-data/decode.ts';

describe('decodeCsvBytes', () => {
  it('strips a UTF-8 byte-order mark', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('Div,Date')]);
    expect(decodeCsvBytes(bytes)).toEqual({ text: 'Div,Date', encoding: 'utf-8' });
  });

  it('reads valid UTF-8 as UTF-8', () => {
    expect(decodeCsvBytes(new TextEncoder().encode('Växjö,Bodø'))).toEqual({
      text: 'Växjö,Bodø',
      encoding: 'utf-8',
    });
  });

  it('falls back to Windows-1252 when the bytes are not UTF-8', () => {
    // "Mönchengladbach" with ö as the single cp1252 byte 0xF6, and the euro sign 0x80.
    const bytes = new Uint8Array([0x4d, 0xf6, 0x6e, 0x63, 0x68, 0x2c, 0x80]);
    expect(decodeCsvBytes(bytes)).toEqual({ text: 'Mönch,€', encoding: 'windows-1252' });
  });

  it('strips the UTF-8 byte-order mark of a file a later Windows-1252 byte sends to cp1252', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('Div,Date\nM'), 0xfc, 0x6e]);
    expect(decodeCsvBytes(bytes)).toEqual({ text: 'Div,Date\nMün', encoding: 'windows-1252' });
  });

  it('keeps the UTF-8 lines of a file whose other lines are Windows-1252 (one club, not a garbled second)', () => {
    const utf8Line = new TextEncoder().encode('T1,Ümraniyespor,Göztepe\n');
    const cp1252Line = new Uint8Array([...new TextEncoder().encode('T1,Ref'), 0xe9, 0x0a]);
    const decoded = decodeCsvBytes(new Uint8Array([...utf8Line, ...cp1252Line, ...utf8Line]));
    expect(decoded).toEqual({
      text: 'T1,Ümraniyespor,Göztepe\nT1,Refé\nT1,Ümraniyespor,Göztepe\n',
      encoding: 'windows-1252',
    });
  });
});
