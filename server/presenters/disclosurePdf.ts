// The disclosure report as a PDF a DPO can send: the same facts as the CSV, laid out
// for reading. pdf-lib's standard fonts need WinAnsi text; other characters become '?'.
import { PDFDocument, StandardFonts, rgb, type PDFFont, type PDFPage } from "pdf-lib";
import type { DisclosureReportView } from "../../shared/types.js";

const MARGIN = 50;
const WIDTH = 595.28; // A4
const HEIGHT = 841.89;

function winAnsi(text: string): string {
  return text.replace(/[^\u0020-\u007E\u00A0-\u00FF\u2013\u2014\u2018\u2019\u201C\u201D\u2022\u2026\u20AC]/g, "?");
}

class Writer {
  private page: PDFPage;
  private y = HEIGHT - MARGIN;

  constructor(private readonly doc: PDFDocument, private readonly font: PDFFont, private readonly bold: PDFFont) {
    this.page = doc.addPage([WIDTH, HEIGHT]);
  }

  line(text: string, options: { size?: number; bold?: boolean; gap?: number; indent?: number } = {}): void {
    const size = options.size ?? 10;
    const font = options.bold ? this.bold : this.font;
    const maxWidth = WIDTH - 2 * MARGIN - (options.indent ?? 0);
    const words = winAnsi(text).split(" ");
    let current = "";
    const flush = () => {
      if (this.y < MARGIN + size) {
        this.page = this.doc.addPage([WIDTH, HEIGHT]);
        this.y = HEIGHT - MARGIN;
      }
      this.page.drawText(current, { x: MARGIN + (options.indent ?? 0), y: this.y, size, font, color: rgb(0.1, 0.1, 0.12) });
      this.y -= size * 1.35;
      current = "";
    };
    for (const word of words) {
      const next = current ? `${current} ${word}` : word;
      if (font.widthOfTextAtSize(next, size) > maxWidth && current) {
        flush();
        current = word;
      } else current = next;
    }
    flush();
    this.y -= options.gap ?? 0;
  }
}

export async function disclosurePdf(report: DisclosureReportView): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.setTitle(`Disclosure report — ${report.person.pseudonym} — ${report.table.caseCode}`);
  doc.setCreator("Tafel");
  const w = new Writer(doc, await doc.embedFont(StandardFonts.Helvetica), await doc.embedFont(StandardFonts.HelveticaBold));
  w.line("RESTRICTED — disclosure report (GDPR art. 15(1)(c): recipients of personal data)", { size: 9, bold: true, gap: 6 });
  w.line(`Person concerned: ${report.person.pseudonym}`, { size: 16, bold: true });
  w.line(`Case table: ${report.table.caseCode}`, { size: 11 });
  w.line(`Produced on ${report.generatedAt} by ${report.generatedBy.name} (${report.generatedBy.organisation})`, { size: 9, gap: 10 });
  w.line("This report lists every release of information about this person, to whom, when, why, and whether it was delivered, opened or revoked. It contains no content of what was shared.", { size: 9, gap: 10 });
  if (report.releases.length === 0) w.line("No information about this person was released at this table.", { gap: 8 });
  for (const r of report.releases) {
    w.line(`${r.releasedAt} — ${r.category} (${r.kind}), released by ${r.author.name}, ${r.author.organisation}`, { bold: true });
    w.line(`Purpose: ${r.purpose}. Legal basis: ${r.legalBasis}. Fragment ${r.fragmentId}.`, { size: 9, indent: 12 });
    for (const s of r.recipients) {
      const path = [
        `released ${s.releasedAt}`,
        s.sentAt ? `sent ${s.sentAt}` : "not sent",
        s.deliveredAt ? `delivered ${s.deliveredAt}` : "not delivered",
        s.openedAt ? `opened ${s.openedAt}` : "not opened",
        ...(s.revokedAt ? [`revoked ${s.revokedAt}`] : []),
      ].join(", ");
      w.line(`• ${s.recipient.name}, ${s.recipient.organisation} (${s.recipient.sector}): ${path}`, { size: 9, indent: 12 });
    }
    w.line("", { size: 4 });
  }
  if (report.deferrals.length > 0) {
    w.line("Deferrals (GDPR art. 23)", { bold: true, size: 11, gap: 2 });
    for (const d of report.deferrals) w.line(`${d.at} by ${d.by.name}${d.until ? `, until ${d.until}` : ""}: ${d.reason}`, { size: 9 });
  }
  return doc.save();
}
