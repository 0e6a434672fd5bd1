/** The size of the avatar the app uploads: a square JPEG. */
export const AVATAR_SIZE = 512;

export interface Size {
  width: number;
  height: number;
}

/** Where the picture sits in the square view: zoom 1 covers it exactly; x and y move its center, in view pixels. */
export interface Crop {
  zoom: number;
  x: number;
  y: number;
}

/** View pixels per image pixel. */
export const scaleOf = (image: Size, view: number, zoom: number) => (view / Math.min(image.width, image.height)) * zoom;

/** The offset kept within what leaves the view covered (no empty edge). */
export function clampCrop(image: Size, view: number, crop: Crop): Crop {
  const scale = scaleOf(image, view, crop.zoom);
  const maxX = Math.max(0, (image.width * scale - view) / 2);
  const maxY = Math.max(0, (image.height * scale - view) / 2);
  return { zoom: crop.zoom, x: Math.min(maxX, Math.max(-maxX, crop.x)), y: Math.min(maxY, Math.max(-maxY, crop.y)) };
}

/** The square of the image (in its own pixels) that the view shows. */
export function cropRect(image: Size, view: number, crop: Crop): { sx: number; sy: number; size: number } {
  const { zoom, x, y } = clampCrop(image, view, crop);
  const scale = scaleOf(image, view, zoom);
  const size = Math.min(view / scale, image.width, image.height);
  const sx = Math.min(image.width - size, Math.max(0, image.width / 2 - x / scale - size / 2));
  const sy = Math.min(image.height - size, Math.max(0, image.height / 2 - y / scale - size / 2));
  return { sx, sy, size };
}

/** Draws the chosen square onto a 512×512 canvas (white behind transparency) and encodes it as JPEG. */
export function cropToJpeg(image: CanvasImageSource, rect: ReturnType<typeof cropRect>): Promise<Blob> {
  const canvas = document.createElement('canvas');
  canvas.width = AVATAR_SIZE;
  canvas.height = AVATAR_SIZE;
  const context = canvas.getContext('2d');
  if (!context) return Promise.reject(new Error('This browser cannot crop images.'));
  context.fillStyle = '#fff';
  context.fillRect(0, 0, AVATAR_SIZE, AVATAR_SIZE);
  context.imageSmoothingQuality = 'high';
  context.drawImage(image, rect.sx, rect.sy, rect.size, rect.size, 0, 0, AVATAR_SIZE, AVATAR_SIZE);
  return new Promise((resolve, reject) =>
    canvas.toBlob(
      (blob) => (blob ? resolve(blob) : reject(new Error('The photo could not be prepared.'))),
      'image/jpeg',
      0.9,
    ),
  );
}
