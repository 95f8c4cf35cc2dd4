// The disclosure report as a PDF a DPO can send: the same facts as the CSV, laid out
// for reading. pdf-lib's standard fonts need WinAnsi text; other characters become '?'.
import { PDFDocument, StandardFonts, rgb, type PDFFont, type PDFPage } from "pdf-lib";
import type { Locale } from "../../shared/schemas.js";
import type { DisclosureReportView } from "../../shared/types.js";
import { REPORT_TEXT } from "./reportText.js";

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

export async function disclosurePdf(report: DisclosureReportView, locale: Locale = "en"): Promise<Uint8Array> {
  const text = REPORT_TEXT[locale];
  const doc = await PDFDocument.create();
  doc.setTitle(text.title(report.person.pseudonym, report.table.caseCode));
  doc.setLanguage(locale === "nl" ? "nl-BE" : "en-GB");
  doc.setCreator("Tafel");
  const w = new Writer(doc, await doc.embedFont(StandardFonts.Helvetica), await doc.embedFont(StandardFonts.HelveticaBold));
  w.line(text.restricted, { size: 9, bold: true, gap: 6 });
  w.line(text.personConcerned(report.person.pseudonym), { size: 16, bold: true });
  w.line(text.caseTable(report.table.caseCode), { size: 11 });
  w.line(text.producedOn(report.generatedAt, report.generatedBy.name, report.generatedBy.organisation), { size: 9, gap: 10 });
  w.line(text.intro, { size: 9, gap: 10 });
  if (report.releases.length === 0) w.line(text.nothingReleased, { gap: 8 });
  for (const r of report.releases) {
    w.line(text.releaseHeading(r.releasedAt, text.categories[r.category], text.kinds[r.kind], r.author.name, r.author.organisation), { bold: true });
    w.line(text.releaseFacts(text.purposes[r.purpose], r.legalBasis, r.fragmentId), { size: 9, indent: 12 });
    for (const s of r.recipients) {
      const path = [
        text.released(s.releasedAt),
        text.sent(s.sentAt),
        text.delivered(s.deliveredAt),
        text.opened(s.openedAt),
        ...(s.revokedAt ? [text.revoked(s.revokedAt)] : []),
      ].join(", ");
      w.line(`• ${s.recipient.name}, ${s.recipient.organisation} (${text.sectors[s.recipient.sector]}): ${path}`, { size: 9, indent: 12 });
    }
    w.line("", { size: 4 });
  }
  if (report.deferrals.length > 0) {
    w.line(text.deferrals, { bold: true, size: 11, gap: 2 });
    for (const d of report.deferrals) w.line(text.deferral(d.at, d.by.name, d.until, d.reason), { size: 9 });
  }
  return doc.save();
}
