// The content commitment: what the log holds instead of content, and how an author
// proves later what they released.
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { commitTo } from "../../server/log/commitment.js";

const SALT = "00".repeat(31) + "01";

describe("commitTo", () => {
  it("is SHA-256(salt || canonical JSON {body, title})", () => {
    const expected = createHash("sha256")
      .update(Buffer.from(SALT, "hex"))
      .update('{"body":"Two interventions.","title":"Police antecedents"}', "utf8")
      .digest("hex");
    expect(commitTo(SALT, "Police antecedents", "Two interventions.")).toBe(expected);
  });

  it("changes with any change of salt, title or body", () => {
    const base = commitTo(SALT, "t", "b");
    expect(commitTo("00".repeat(32), "t", "b")).not.toBe(base);
    expect(commitTo(SALT, "t ", "b")).not.toBe(base);
    expect(commitTo(SALT, "t", "B")).not.toBe(base);
    // Moving text between title and body is a different content.
    expect(commitTo(SALT, "tb", "")).not.toBe(commitTo(SALT, "t", "b"));
  });

  it("hashes non-ASCII text as UTF-8", () => {
    const expected = createHash("sha256").update(Buffer.from(SALT, "hex")).update('{"body":"één €","title":"ü"}', "utf8").digest("hex");
    expect(commitTo(SALT, "ü", "één €")).toBe(expected);
  });
});
