/**
 * The characters of `text` a terminal would act on rather than show (newlines apart): C0 controls,
 * DEL, C1 controls (CSI among them) and the right-to-left override. Empty for safe output.
 */
export function rawControls(text: string): string[] {
  return [...text].filter((char) => {
    const code = char.codePointAt(0) ?? 0;
    return (code < 0x20 && char !== "\n") || (code >= 0x7f && code <= 0x9f) || code === 0x202e;
  });
}
