import { screenReply } from './phi-screen';

const context = { clientName: 'José Álvarez', conditionTerms: ['Sciatica', 'Low back pain'] };

describe(screenReply.name, () => {
  it('should pass a reply without personal health information', () => {
    expect(screenReply('Thank you for the kind words, it was a pleasure to work with you!', context)).toEqual([]);
  });

  it('should find the client first or last name regardless of case and accents', () => {
    expect(screenReply('Thanks jose!', context)[0].message).toMatch(/name \("jose"\)/);
    expect(screenReply('Mr. ALVAREZ, thank you', context)[0].message).toMatch(/alvarez/);
  });

  it('should not match a name inside another word', () => {
    expect(screenReply('Josefina helped at the desk', context)).toEqual([]);
  });

  it('should find disclosing phrases and condition names', () => {
    const messages = screenReply(
      'About your diagnosis and your visit on Tuesday: your sciatica will improve.',
      context,
    ).map((f) => f.message);
    expect(messages).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/your diagnosis/),
        expect.stringMatching(/your visit on/),
        expect.stringMatching(/your sciatica/),
      ]),
    );
  });

  it('should find dates in common formats', () => {
    for (const reply of [
      'See you after 2025-03-14.',
      'Great session on 3/14/2025.',
      'Thanks for coming in on March 3rd.',
      'Since the 3rd of March things improved.',
    ]) {
      expect(screenReply(reply, context)).toHaveLength(1);
    }
  });

  it('should not treat a star rating as a date', () => {
    expect(screenReply('Thanks for the 5/5 rating!', context)).toEqual([]);
  });
});
