import { describe, expect, it } from 'vitest';
import { clampCrop, cropRect } from './cropImage';

const landscape = { width: 800, height: 400 };

describe('avatar crop', () => {
  it('takes the centered square that covers the view at zoom 1', () => {
    expect(cropRect(landscape, 200, { zoom: 1, x: 0, y: 0 })).toEqual({ sx: 200, sy: 0, size: 400 });
  });

  it('takes a smaller square when zoomed in, moved by the drag', () => {
    // At zoom 2 one view pixel is one image pixel; moving the picture right and up shows more of its left and bottom.
    expect(cropRect(landscape, 200, { zoom: 2, x: 100, y: -40 })).toEqual({ sx: 200, sy: 140, size: 200 });
  });

  it('never leaves an empty edge, however far it is dragged', () => {
    expect(clampCrop(landscape, 200, { zoom: 1, x: 999, y: 50 })).toEqual({ zoom: 1, x: 100, y: 0 });
    expect(cropRect(landscape, 200, { zoom: 1, x: -999, y: 0 })).toEqual({ sx: 400, sy: 0, size: 400 });
  });
});
