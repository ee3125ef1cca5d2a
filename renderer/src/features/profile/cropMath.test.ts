import { describe, expect, it } from 'vitest';
import { clampCrop, sourceRect } from './cropMath';

describe('avatar crop geometry (P1 avatar upload with crop)', () => {
  const landscape = { width: 1200, height: 800 };

  it('at zoom 1, centred, takes the middle square of the shorter side', () => {
    expect(sourceRect({ zoom: 1, x: 0, y: 0 }, landscape, 300)).toEqual({ sx: 200, sy: 0, size: 800 });
  });

  it('zooming in takes a smaller square around the same centre', () => {
    expect(sourceRect({ zoom: 2, x: 0, y: 0 }, landscape, 300)).toEqual({ sx: 400, sy: 200, size: 400 });
  });

  it('dragging right shows more of the left side, never past the edge', () => {
    const dragged = sourceRect({ zoom: 1, x: 75, y: 0 }, landscape, 300);
    expect(dragged.sx).toBeCloseTo(0);
    expect(sourceRect({ zoom: 1, x: 10_000, y: 0 }, landscape, 300).sx).toBeCloseTo(0);
    expect(sourceRect({ zoom: 1, x: -10_000, y: 0 }, landscape, 300).sx).toBeCloseTo(400);
  });

  it('keeps zoom within 1×–4× and the frame covered vertically', () => {
    expect(clampCrop({ zoom: 9, x: 0, y: 0 }, landscape, 300).zoom).toBe(4);
    expect(clampCrop({ zoom: 0.2, x: 0, y: 50 }, landscape, 300)).toEqual({ zoom: 1, x: 0, y: 0 });
  });
});
