/** The demo's printed story: who does what, and what each person sees. */
const RULE = '─'.repeat(72);

export function scene(title: string): void {
  console.log(`\n${RULE}\n${title}\n${RULE}`);
}

export function say(line: string): void {
  console.log(`  ${line}`);
}

/** A message as it appears on someone's screen, boxed so it reads as a screenshot. */
export function screen(who: string, text: string): void {
  console.log(`  ┌ ${who}`);
  for (const line of text.split('\n')) console.log(`  │ ${line}`);
  console.log('  └');
}

/** The staff messenger as the transcript names it. */
export const messengerName = (messenger: 'telegram' | 'max'): string => (messenger === 'max' ? 'MAX' : 'Telegram');
