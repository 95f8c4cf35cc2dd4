// The text drawn in a PDF made by pdf-lib, for canary checks: page content streams are
// Flate-compressed and text is drawn as hex strings (<…> Tj), so a raw byte search would
// prove nothing. This inflates every stream and decodes the hex strings.
import { inflateSync } from "node:zlib";

export function pdfText(pdf: Buffer): string {
  const raw = pdf.toString("latin1");
  const parts: string[] = [];
  const streams = /stream\r?\n([\s\S]*?)\r?\nendstream/g;
  for (let m = streams.exec(raw); m; m = streams.exec(raw)) {
    const bytes = Buffer.from(m[1] as string, "latin1");
    let text: string;
    try {
      text = inflateSync(bytes).toString("latin1");
    } catch {
      text = bytes.toString("latin1");
    }
    for (const hex of text.matchAll(/<([0-9A-Fa-f\s]+)>\s*Tj/g)) parts.push(Buffer.from((hex[1] as string).replace(/\s/g, ""), "hex").toString("latin1"));
    for (const lit of text.matchAll(/\(((?:\\.|[^\\)])*)\)\s*Tj/g)) parts.push(lit[1] as string);
  }
  return parts.join("\n");
}
