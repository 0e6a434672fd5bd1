import { useId, useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import { text } from '../../ui/styles/classes';
import { clampCrop, cropRect, scaleOf, type Crop, type Size } from './cropImage';
import styles from './AvatarCropper.module.css';

/** The square view's side, in CSS pixels. */
const VIEW = 240;
const STEP = 10;

export interface CropChoice {
  image: HTMLImageElement;
  rect: ReturnType<typeof cropRect>;
}

/**
 * The chosen picture in a square view (the round mask shows what others will see): drag or use the arrow keys to
 * move it, the slider to zoom. `onChange` gets the square chosen, in the picture's own pixels.
 */
export function AvatarCropper({
  src,
  onChange,
  onError,
}: {
  src: string;
  onChange: (choice: CropChoice) => void;
  /** The picture cannot be decoded. */
  onError: () => void;
}) {
  const [size, setSize] = useState<Size | null>(null);
  const [crop, setCrop] = useState<Crop>({ zoom: 1, x: 0, y: 0 });
  const image = useRef<HTMLImageElement>(null);
  const drag = useRef<{ x: number; y: number; crop: Crop } | null>(null);
  const zoomId = useId();

  function update(next: Crop, natural = size) {
    if (!natural || !image.current) return;
    const clamped = clampCrop(natural, VIEW, next);
    setCrop(clamped);
    onChange({ image: image.current, rect: cropRect(natural, VIEW, clamped) });
  }

  function onPointerMove(event: PointerEvent) {
    const start = drag.current;
    if (!start) return;
    update({ ...start.crop, x: start.crop.x + event.clientX - start.x, y: start.crop.y + event.clientY - start.y });
  }

  function onKeyDown(event: KeyboardEvent) {
    const moves: Record<string, [number, number]> = {
      ArrowLeft: [-STEP, 0],
      ArrowRight: [STEP, 0],
      ArrowUp: [0, -STEP],
      ArrowDown: [0, STEP],
    };
    const move = moves[event.key];
    if (!move) return;
    event.preventDefault();
    update({ ...crop, x: crop.x + move[0], y: crop.y + move[1] });
  }

  const scale = size ? scaleOf(size, VIEW, crop.zoom) : 1;
  const placed = size && {
    width: size.width * scale,
    height: size.height * scale,
    left: (VIEW - size.width * scale) / 2 + crop.x,
    top: (VIEW - size.height * scale) / 2 + crop.y,
  };

  return (
    <div className={styles.cropper}>
      <div
        className={styles.view}
        style={{ width: VIEW, height: VIEW }}
        role="group"
        tabIndex={0}
        aria-label="Photo crop: drag or use the arrow keys to move the picture"
        data-testid="avatar-crop"
        onKeyDown={onKeyDown}
        onPointerDown={(event) => {
          event.currentTarget.setPointerCapture?.(event.pointerId);
          drag.current = { x: event.clientX, y: event.clientY, crop };
        }}
        onPointerMove={onPointerMove}
        onPointerUp={() => (drag.current = null)}
        onPointerCancel={() => (drag.current = null)}
      >
        <img
          ref={image}
          className={styles.image}
          src={src}
          alt="Your new photo"
          draggable={false}
          style={placed ?? { visibility: 'hidden' }}
          data-testid="avatar-crop-image"
          onLoad={(event) => {
            const { naturalWidth: width, naturalHeight: height } = event.currentTarget;
            if (!width || !height) return onError();
            const natural = { width, height };
            setSize(natural);
            update({ zoom: 1, x: 0, y: 0 }, natural);
          }}
          onError={onError}
        />
        <span className={styles.mask} aria-hidden="true" />
      </div>
      <label className={styles.zoom} htmlFor={zoomId}>
        <span className={text.small}>Zoom</span>
        <input
          id={zoomId}
          type="range"
          min={1}
          max={4}
          step={0.01}
          value={crop.zoom}
          disabled={!size}
          data-testid="avatar-zoom"
          onChange={(event) => update({ ...crop, zoom: Number(event.target.value) })}
        />
      </label>
    </div>
  );
}
