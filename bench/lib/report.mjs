const fmt = (value, digits = 0) => (Number.isFinite(value) ? value.toFixed(digits) : "–");

/** The results as a Markdown document: the machine, then one table row per measurement. */
export function renderReport({ machine, settings, bound, providers }) {
  const lines = [
    `# OTAS user service benchmark${settings.smoke ? " (smoke run: tiny durations, figures meaningless)" : ""}`,
    "",
    `Machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memory} RAM, Node ${machine.node}, ${machine.date}.`,
    `Load: autocannon in the runner process against a server process on 127.0.0.1 (both share the ${machine.cores} cores).`,
    `bcrypt cost ${settings.rounds}; create: ${settings.createConnections} connections, 3 s warm-up then ${settings.createSeconds} s;` +
      ` reads: ${settings.readConnections} connections, ${settings.warmupSeconds} s warm-up then ${settings.readSeconds} s.`,
    "",
    `bcrypt bound: ${fmt(bound.perSecond, 1)} hashes/s at cost ${bound.rounds} (${bound.hashes} hashes in ${fmt(bound.seconds, 1)} s, every core busy, nothing else running).`,
    "",
    "| DB | measurement | req/s | p50 ms | p99 ms | ratio | non-2xx / errors |",
    "| --- | --- | ---: | ---: | ---: | --- | ---: |",
  ];
  for (const p of providers) {
    const row = (name, r, ratio) =>
      lines.push(
        `| ${p.provider} | ${name} | ${fmt(r.rps, 1)} | ${fmt(r.p50)} | ${fmt(r.p99)} | ${ratio} | ${r.non2xx} / ${r.errors} |`,
      );
    row(
      "create (unique emails)",
      p.create,
      `${fmt(p.create.rps / bound.perSecond, 2)} of bcrypt bound`,
    );
    row("authenticate, REST", p.rest, `${fmt(p.rest.rps / p.bare.rps, 2)} of bare`);
    row("user.me, tRPC", p.trpc, `${fmt(p.trpc.rps / p.bare.rps, 2)} of bare`);
    row("bare Fastify route, same work", p.bare, "1.00");
    lines.push(`| ${p.provider} | peak RSS under load | ${fmt(p.peakRssMiB, 0)} MiB | | | | |`);
    lines.push(
      `| ${p.provider} | cold start to first answer (fresh DB, migrations) | ${fmt(p.coldStartMs, 0)} ms | | | | |`,
    );
  }
  return `${lines.join("\n")}\n`;
}
