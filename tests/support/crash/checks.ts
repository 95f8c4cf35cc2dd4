// After the restart: is every acknowledged write there, does every table's log verify
// (and extend every tree head a client saw before the kill), and does invariant 1 still
// hold (a fragment revoked before the kill does not reach its former recipient after
// it)? Returns the problems found, each a sentence naming what is missing; the caller
// asserts there are none (and the meta-test asserts there are some).
import { readFile } from "node:fs/promises";
import path from "node:path";
import { boardDocName, notebookDocName } from "../../../shared/collab.js";
import type { ActionView, AuthoredFragmentView, DeclineView, DraftView, LogExport, LogKeyView, MeetingView, TableView } from "../../../shared/types.js";
import { verifyExport } from "../../../server/log/verifyExport.js";
import { ApiClient } from "../api.js";
import { CollabClient } from "../collab.js";
import { connect, settle } from "../realtime.js";
import type { CrashModel } from "./model.js";
import { yjsTokens, type CrashWorld, type Person } from "./workload.js";

export interface CheckResult {
  problems: string[];
  /** Acknowledged writes looked for. */
  checked: number;
  /** Log entries verified, over all tables. */
  logEntries: number;
}

interface RawEntry {
  seq: number;
  type: string;
  actor: string | null;
  [key: string]: unknown;
}

export async function checkAfterRestart(world: CrashWorld, model: CrashModel, dataDir: string, pinnedKey: string): Promise<CheckResult> {
  const problems: string[] = [];
  const chair = world.chair;
  const people = [world.chair, ...world.members, ...world.extras];
  const byId = new Map(people.map((p) => [p.accountId, p]));
  const name = (id: string) => byId.get(id)?.name ?? id;

  // The signing key is the same one (it is in the data directory).
  const key = await chair.client.ok<LogKeyView>("GET", "/api/log/key");
  if (key.publicKey !== pinnedKey) problems.push(`the log signing key changed across the restart (${pinnedKey} → ${key.publicKey})`);

  // Every table's log: exported by the chair, verified against the pinned key and every
  // head seen before the kill, and equal to what is on disk.
  const logs = new Map<string, RawEntry[]>();
  let logEntries = 0;
  for (const tableId of [world.tableId, ...model.tables.map((t) => t.id)]) {
    const reply = await chair.client.request<LogExport>("GET", `/api/tables/${tableId}/log/export`);
    if (reply.status !== 200) {
      problems.push(`table ${tableId}: acknowledged, but its log cannot be exported after the restart (${reply.status})`);
      continue;
    }
    const verdict = verifyExport(reply.body, { pinnedKey, earlier: model.heads.get(tableId) ?? [] });
    for (const c of verdict.checks.filter((x) => !x.ok)) problems.push(`table ${tableId}: log check failed: ${c.what}`);
    const onDisk = (await readFile(path.join(dataDir, "tables", tableId, "log.jsonl"), "utf8")).split("\n").filter((l) => l.length > 0);
    if (reply.body.entries.some((line, i) => onDisk[i] !== line)) problems.push(`table ${tableId}: the exported log differs from log.jsonl on disk`);
    logs.set(tableId, reply.body.entries.map((l) => JSON.parse(l) as RawEntry));
    logEntries += reply.body.entries.length;
  }
  const log = logs.get(world.tableId) ?? [];
  const logged = (pred: (e: RawEntry) => boolean) => log.some(pred);

  // Sessions of acknowledged sign-ins still open a session.
  for (const s of model.sessions) {
    const c = new ApiClient(world.endpoint);
    c.cookie = s.cookie;
    const reply = await c.request("GET", "/api/auth/session");
    if (reply.status !== 200) problems.push(`sign-in of ${s.username}: acknowledged, but the session is gone (${reply.status})`);
  }

  // Participations, at the main table and at the tables opened during the workload.
  const table = await chair.client.ok<TableView>("GET", `/api/tables/${world.tableId}`);
  const views = new Map<string, TableView>([[world.tableId, table]]);
  for (const t of model.tables) {
    const reply = await chair.client.request<TableView>("GET", `/api/tables/${t.id}`);
    if (reply.status === 200) views.set(t.id, reply.body);
    else problems.push(`table ${t.id}: opening acknowledged, gone after the restart (${reply.status})`);
  }
  for (const r of model.participations) {
    const p = views.get(r.tableId)?.participants.find((x) => x.id === r.accountId);
    const tableLog = logs.get(r.tableId) ?? [];
    const where = `${name(r.accountId)} at table ${r.tableId}`;
    if (r.invite === "acked") {
      if (!p) problems.push(`invitation of ${where}: acknowledged, but not a participant after the restart`);
      if (!tableLog.some((e) => e.type === "invited" && e.subject === r.accountId)) problems.push(`invitation of ${where}: acknowledged, not in the log`);
    }
    if (r.accept === "acked") {
      if (p?.state !== "active") problems.push(`acceptance of ${where}: acknowledged, but the participation is ${p?.state ?? "gone"}`);
      if (!tableLog.some((e) => e.type === "joined" && e.actor === r.accountId)) problems.push(`acceptance of ${where}: acknowledged, no 'joined' in the log`);
    }
  }
  const active = people.filter((p) => table.participants.some((x) => x.id === p.accountId && x.state === "active"));

  // Drafts and fragments, as their owners see them.
  for (const p of active) {
    const drafts = await p.client.ok<DraftView[]>("GET", `/api/tables/${world.tableId}/drafts`);
    const released = await p.client.ok<AuthoredFragmentView[]>("GET", `/api/tables/${world.tableId}/fragments/released`);
    for (const d of model.drafts.filter((x) => x.ownerId === p.accountId)) {
      const draft = drafts.find((x) => x.id === d.id);
      const fragment = released.find((f) => f.title.includes(d.canary));
      if (d.release === "acked") {
        if (!fragment) problems.push(`release of ${p.name}'s draft ${d.id}: acknowledged, but no such fragment after the restart`);
        if (draft) problems.push(`release of ${p.name}'s draft ${d.id}: acknowledged, but the draft is back`);
        continue;
      }
      if (d.release === "unknown" && fragment) continue;
      if (!draft) {
        problems.push(`${p.name}'s draft ${d.id}: acknowledged, but gone after the restart`);
        continue;
      }
      // The body is the last acknowledged one, or one sent after it.
      const lastAcked = d.bodies.map((b) => b.outcome).lastIndexOf("acked");
      const allowed = d.bodies.slice(Math.max(lastAcked, 0)).map((b) => b.body);
      if (!allowed.includes(draft.body)) problems.push(`${p.name}'s draft ${d.id}: holds an older body than the one acknowledged`);
    }
    for (const f of model.fragments.filter((x) => x.authorId === p.accountId)) {
      const view = released.find((x) => x.id === f.id);
      if (!view) {
        problems.push(`fragment ${f.id} of ${p.name}: release acknowledged, gone after the restart`);
        continue;
      }
      if (!logged((e) => e.type === "fragment-released" && e.fragment === f.id)) problems.push(`fragment ${f.id}: release acknowledged, no 'fragment-released' in the log`);
      for (const r of f.recipients) {
        const status = view.recipients.find((x) => x.recipient.id === r);
        if (!status) problems.push(`fragment ${f.id}: released to ${name(r)} (acknowledged), who is no longer listed`);
        if (f.revoked.get(r) === "acked") {
          if (!status?.revokedAt) problems.push(`fragment ${f.id}: revoked for ${name(r)} (acknowledged), released again after the restart`);
          if (!logged((e) => e.type === "fragment-revoked" && e.fragment === f.id && e.recipient === r)) {
            problems.push(`fragment ${f.id}: revoked for ${name(r)} (acknowledged), no 'fragment-revoked' in the log`);
          }
        }
      }
    }
  }

  // Deliveries the sockets received were logged before they were sent; openings answered ok are logged.
  for (const s of model.sockets) {
    for (const d of s.socket.deliveries) {
      if (!logged((e) => e.type === "fragment-sent" && e.delivery === d.deliveryId && e.recipient === s.accountId)) {
        problems.push(`delivery ${d.deliveryId} of fragment ${d.fragment.id} to ${name(s.accountId)}: received, no 'fragment-sent' in the log`);
      }
    }
  }
  for (const o of model.opened) {
    if (!logged((e) => e.type === "fragment-opened" && e.fragment === o.fragmentId && e.recipient === o.recipientId)) {
      problems.push(`opening of fragment ${o.fragmentId} by ${name(o.recipientId)}: acknowledged, no 'fragment-opened' in the log`);
    }
  }

  // Declines, meetings, decisions, actions.
  const declines = await chair.client.ok<DeclineView[]>("GET", `/api/tables/${world.tableId}/declines`);
  for (const d of model.declines) {
    if (!declines.some((x) => x.id === d.id)) problems.push(`decline ${d.id}: acknowledged, gone after the restart`);
    if (!logged((e) => e.type === "declined" && e.decline === d.id)) problems.push(`decline ${d.id}: acknowledged, no 'declined' in the log`);
  }
  const meetings = await chair.client.ok<MeetingView[]>("GET", `/api/tables/${world.tableId}/meetings`);
  for (const m of model.meetings) if (!meetings.some((x) => x.id === m.id)) problems.push(`meeting ${m.id}: acknowledged, gone after the restart`);
  for (const d of model.decisions) {
    if (!meetings.find((m) => m.id === d.meetingId)?.decisions.some((x) => x.id === d.id)) problems.push(`decision ${d.id}: acknowledged, gone after the restart`);
  }
  const actions = await chair.client.ok<ActionView[]>("GET", `/api/tables/${world.tableId}/actions`);
  for (const a of model.actions) {
    const view = actions.find((x) => x.id === a.id);
    if (!view) {
      problems.push(`action ${a.id}: acknowledged, gone after the restart`);
      continue;
    }
    const ackedChanges = a.statuses.filter((s) => s.outcome === "acked").length;
    // The history starts with "open" at creation; each acknowledged change added one.
    if (view.history.length < 1 + ackedChanges) problems.push(`action ${a.id}: ${ackedChanges} status changes acknowledged, ${view.history.length - 1} after the restart`);
    const lastAcked = a.statuses.map((s) => s.outcome).lastIndexOf("acked");
    if (lastAcked >= 0 && !a.statuses.slice(lastAcked).some((s) => s.status === view.status)) {
      problems.push(`action ${a.id}: status '${view.status}' after the restart, not the acknowledged '${a.statuses[lastAcked]?.status}' or a later one`);
    }
  }

  // Yjs: every acknowledged token is in its document.
  const base = { baseUrl: world.endpoint.url, origin: world.endpoint.origin };
  const yjsDocs = new Set(model.yjs.filter((y) => y.outcome === "acked").map((y) => y.doc));
  for (const doc of yjsDocs) {
    const reader: Person | undefined = doc === "board" ? chair : byId.get(doc);
    if (!reader) continue;
    const c = await CollabClient.synced(reader.client, doc === "board" ? boardDocName(world.tableId) : notebookDocName(world.tableId, doc), base);
    const tokens = yjsTokens(c.doc);
    await c.close();
    const missing = model.yjs.filter((y) => y.doc === doc && y.outcome === "acked" && !tokens.has(y.token));
    const relayed = missing.filter((y) => y.relayed === true).length;
    if (missing.length > 0) problems.push(`${doc === "board" ? "the board" : `${name(doc)}'s notebook`}: ${missing.length} acknowledged update(s) missing after the restart (${relayed} of them relayed to another person before the kill)`);
  }

  problems.push(...(await revokedStayRevoked(world, model, active)));
  return { problems, checked: model.acknowledgedCount(), logEntries };
}

/**
 * Invariant 1 after the restart: each person opens the table on a fresh socket (which
 * re-delivers what is released to them) and asks for each fragment revoked for them; no
 * frame and no answer may carry the canary of a fragment whose revocation was
 * acknowledged before the kill.
 */
async function revokedStayRevoked(world: CrashWorld, model: CrashModel, active: Person[]): Promise<string[]> {
  const problems: string[] = [];
  const sockets = [];
  for (const p of active) {
    const socket = await connect(p.client);
    const reply = await socket.openTable(world.tableId);
    if (!reply.ok) problems.push(`${p.name} cannot open the table after the restart: ${JSON.stringify(reply)}`);
    sockets.push({ p, socket });
  }
  await settle(500);
  for (const { p, socket } of sockets) {
    socket.close();
    for (const f of model.fragments.filter((x) => x.revoked.get(p.accountId) === "acked")) {
      if (socket.frames.some((fr) => fr.includes(f.canary))) problems.push(`fragment ${f.id}: revoked for ${p.name} before the kill, delivered to them after the restart`);
      const reply = await p.client.request("GET", `/api/tables/${f.tableId}/fragments/${f.id}`);
      if (reply.status === 200 || reply.text.includes(f.canary)) problems.push(`fragment ${f.id}: revoked for ${p.name} before the kill, readable by them after the restart`);
    }
  }
  return problems;
}
