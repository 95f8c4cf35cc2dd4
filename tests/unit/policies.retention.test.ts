// policies/fragment.ts and policies/retention.ts on expired fragments: nobody receives
// the content of an expired fragment (the author neither); only those who could read it
// learn when and why it expired; only the chair reviews a table, only the DPO all tables.
import { describe, expect, it } from "vitest";
import { mayReceiveContent, maySeeExpiry } from "../../server/policies/fragment.js";
import { mayOverseeRetention, mayReviewRetention } from "../../server/policies/retention.js";
import { account, expectHumanSentence, fragment, participation } from "./fixtures.js";

const author = account("Author");
const recipient = account("Recipient");
const revoked = account("Revoked");
const bystander = account("Bystander");
const dpo = account("DPO", { role: "dpo" });
const at = "2025-03-01T10:00:00.000Z";
const expired = fragment(
  author,
  [
    { accountId: recipient.id, releasedAt: at },
    { accountId: revoked.id, releasedAt: at, revokedAt: "2025-03-02T10:00:00.000Z" },
  ],
  { expired: { at: "2025-04-01T00:00:00.000Z", dueAt: "2025-03-31T10:00:00.000Z", rule: { agreementId: "a", version: 1, article: "5.1", retentionDays: 30 } } },
);
const active = (who: typeof author, role: "chair" | "participant" = "participant") => participation(who, "active", role);

describe("an expired fragment", () => {
  it("gives its content to nobody, naming the date and the article", () => {
    for (const who of [author, recipient, revoked, bystander]) {
      const decision = mayReceiveContent(who, active(who), expired);
      expect(decision.allowed).toBe(false);
      expect(expectHumanSentence(decision)).toMatch(/expired on 2025-04-01 under article 5\.1/);
    }
  });

  it("tells its author and its current recipients that it expired, nobody else", () => {
    expect(maySeeExpiry(author, active(author), expired).allowed).toBe(true);
    expect(maySeeExpiry(recipient, active(recipient), expired).allowed).toBe(true);
    expect(maySeeExpiry(revoked, active(revoked), expired).allowed).toBe(false);
    expect(maySeeExpiry(bystander, active(bystander), expired).allowed).toBe(false);
    expect(maySeeExpiry(recipient, participation(recipient, "removed"), expired).allowed).toBe(false);
    expect(maySeeExpiry(recipient, active(recipient), { ...expired, expired: undefined }).allowed).toBe(false);
  });
});

describe("retention reviews", () => {
  it("are the chair's at a table and the DPO's across tables", () => {
    expect(mayReviewRetention(author, active(author, "chair")).allowed).toBe(true);
    expectHumanSentence(mayReviewRetention(recipient, active(recipient)));
    expect(mayReviewRetention(dpo, active(dpo, "chair")).allowed).toBe(false);
    expect(mayOverseeRetention(dpo).allowed).toBe(true);
    expectHumanSentence(mayOverseeRetention(author));
  });
});
