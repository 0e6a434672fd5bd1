import { describe, expect, it } from 'vitest';
import { attachment } from '../../test/media';
import { attachmentsPreview } from './selectors';

describe('preview of a message of files', () => {
  it('names the kind of one file, or counts several', () => {
    const pdf = attachment('f1', { contentType: 'application/pdf', name: 'dir/report\u202E.pdf' });
    const voice = attachment('v1', { contentType: 'audio/webm', durationSeconds: 12 });
    expect(attachmentsPreview([attachment('a1')])).toBe('🖼️ Photo');
    expect(attachmentsPreview([attachment('a1'), attachment('a2')])).toBe('🖼️ 2 photos');
    expect(attachmentsPreview([attachment('a1'), pdf])).toBe('📎 2 files');
    expect(attachmentsPreview([voice])).toBe('🎤 Voice message');
    expect(attachmentsPreview([attachment('m1', { contentType: 'video/mp4' })])).toBe('🎬 Video');
    expect(attachmentsPreview([pdf])).toBe('📎 report.pdf');
    expect(attachmentsPreview([])).toBe('');
  });
});
