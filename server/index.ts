// `npm start`: starts Tafel on the embedded store and says how to sign in.
import { consoleLogger } from "./logger.js";
import { configFrom } from "./config.js";
import { createTafel } from "./app.js";
import { seedDemo } from "./demo.js";
import { needsSetup } from "./domain/accounts.js";

async function main(): Promise<void> {
  const logger = consoleLogger();
  const config = configFrom(process.argv.slice(2), process.env);
  const tafel = await createTafel(config, logger);
  const url = await tafel.listen();
  const say = (line = "") => process.stdout.write(`${line}\n`);
  say();
  say(`Tafel is running at ${url}`);
  say(`Data directory: ${config.dataDir}`);
  say(`Log signing key (Ed25519, pin it to verify logs): ${tafel.ctx.signer.publicKey}`);
  if (config.demo) {
    const demo = await seedDemo(tafel.ctx);
    say();
    if (demo) {
      say("Demo case seeded (fictional). Sign in as any of these; the passwords are shown only now:");
      for (const a of demo.accounts) say(`  ${a.username.padEnd(14)} ${a.password}   ${a.name} — ${a.organisation}`);
    } else {
      say("Demo data already present in this data directory; sign in with the passwords printed when it was seeded.");
    }
  }
  if (tafel.setupToken && needsSetup(tafel.ctx)) {
    say();
    say("No administrator exists yet. Create the first one with this one-time link:");
    say(`  ${url}/setup?token=${tafel.setupToken}`);
  }
  say();
  const stop = () => {
    void tafel.close().then(() => process.exit(0));
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

main().catch((err: unknown) => {
  process.stderr.write(`Tafel could not start: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
