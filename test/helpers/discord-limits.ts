/** Discord's documented message limits, written out independently of the adapter's constants. */

/** Every way one message body breaks Discord's limits (empty when it is fine). */
export function discordLimitProblems(message: any): string[] {
  const problems: string[] = [];
  const content: string = message.content ?? "";
  if (content.length > 2000) problems.push(`content ${content.length} > 2000`);
  const embeds: any[] = message.embeds ?? [];
  if (embeds.length > 10) problems.push(`${embeds.length} embeds > 10`);
  let total = 0;
  for (const [i, e] of embeds.entries()) {
    const title = e.title ?? "";
    const description = e.description ?? "";
    const footer = e.footer?.text ?? "";
    const fields: any[] = e.fields ?? [];
    if (title.length > 256) problems.push(`embed ${i} title ${title.length} > 256`);
    if (description.length > 4096) problems.push(`embed ${i} description ${description.length} > 4096`);
    if (footer.length > 2048) problems.push(`embed ${i} footer ${footer.length} > 2048`);
    if (fields.length > 25) problems.push(`embed ${i} has ${fields.length} fields > 25`);
    let size = title.length + description.length + footer.length;
    for (const f of fields) {
      if (!f.name || f.name.length > 256) problems.push(`embed ${i} field name length ${f.name?.length}`);
      if (!f.value || f.value.length > 1024) problems.push(`embed ${i} field value length ${f.value?.length}`);
      size += (f.name?.length ?? 0) + (f.value?.length ?? 0);
    }
    if (size > 6000) problems.push(`embed ${i} has ${size} characters > 6000`);
    total += size;
  }
  if (total > 6000) problems.push(`embeds hold ${total} characters together > 6000`);
  const rows: any[] = message.components ?? [];
  if (rows.length > 5) problems.push(`${rows.length} action rows > 5`);
  for (const row of rows) {
    if ((row.components ?? []).length > 5) problems.push("more than 5 buttons in a row");
    for (const b of row.components ?? []) {
      if ((b.label ?? "").length > 80) problems.push("button label > 80");
      if ((b.custom_id ?? "").length > 100) problems.push("custom_id > 100");
    }
  }
  if (!message.content && embeds.length === 0) problems.push("empty message");
  if (JSON.stringify(message.allowed_mentions) !== JSON.stringify({ parse: [] })) problems.push("allowed_mentions may ping");
  return problems;
}
