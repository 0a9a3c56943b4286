// How spec:upstream and spec:breaking print a report: for a terminal, or as Markdown for a pull request
// (`--markdown`). A report is a title, a few facts, sections of items (each with optional sub-items) and a verdict.

/**
 * @param {{ title: string, facts: string[], verdict: string,
 *   sections: { heading: string, items: (string | [string, string[]])[] }[] }} report
 */
export function renderReport({ title, facts, sections, verdict }, markdown) {
  const list = (items, bullet, subBullet) =>
    items.flatMap((item) => {
      const [text, children = []] = Array.isArray(item) ? item : [item];
      return [`${bullet}${text}`, ...children.map((child) => `${subBullet}${child}`)];
    });
  const shown = sections.filter((section) => section.items.length > 0);
  if (!markdown) {
    const body = shown.flatMap(({ heading, items }) => [`${heading}:`, ...list(items, '  ', '      '), '']);
    return [...facts, '', ...body, verdict].join('\n');
  }
  const body = shown.flatMap(({ heading, items }) => [`### ${heading}`, '', ...list(items, '- ', '  - '), '']);
  return [`## ${title}`, '', ...facts.map((fact) => `- ${fact}`), '', `**${verdict}**`, '', ...body].join('\n');
}
