"""Red official seals (公章): shape mask rendering and ink compositing."""
import math

import numpy as np
from PIL import Image, ImageDraw, ImageFilter

from common import font

SEAL_FONTS = ["NotoSansCJK-Bold", "NotoSerifCJK-Bold", "WQY-ZenHei", "NotoSansCJK-Regular"]

COLORS = {
    "red": [(214, 28, 38), (200, 20, 30), (225, 45, 50), (190, 30, 45)],
    "pink": [(235, 110, 135), (240, 130, 150)],
    "orange": [(235, 120, 55), (230, 140, 70)],
}


def star(cx, cy, ro, ri, rot=0.0):
    pts = []
    for i in range(10):
        a = math.radians(-90 + i * 36 + rot)
        r = ro if i % 2 == 0 else ri
        pts.append((cx + r * math.cos(a), cy + r * math.sin(a)))
    return pts


def seal_mask(r, owner, diameter_px, bottom_text=None):
    """Float32 alpha mask (0..1) of a round seal, square of side ~diameter_px."""
    ss = 2                                   # supersampling
    D = diameter_px * ss
    S = int(D + 8 * ss)
    c = S / 2
    R = D / 2
    mm = diameter_px / 42.0 * ss             # ~1 mm at this scale (approx)
    img = Image.new("L", (S, S), 0)
    dr = ImageDraw.Draw(img)
    ring = r.uniform(1.0, 1.5) * mm
    dr.ellipse([c - R, c - R, c + R, c + R], fill=255)
    dr.ellipse([c - R + ring, c - R + ring, c + R - ring, c + R - ring], fill=0)
    fname = r.choice(SEAL_FONTS)
    # arc text
    n = len(owner)
    squeeze = r.uniform(0.72, 0.85)          # seal characters are narrow and tall
    span_max = math.radians(r.uniform(220, 250))
    ch = D * r.uniform(0.15, 0.17)
    for _ in range(4):                       # shrink characters until the name fits the arc
        rt = R - ring - 0.8 * mm - ch * 0.55
        if n * ch * squeeze * 1.12 <= span_max * rt:
            break
        ch = span_max * rt / (n * squeeze * 1.12)
    rt = R - ring - 0.8 * mm - ch * 0.55
    w = ch * squeeze / rt                    # angular width of one character
    step = math.degrees(max(w * 1.12, min(span_max * r.uniform(0.85, 1.0) / n, w * 1.9)))
    span = step * n
    f = font(fname, ch)
    g = int(ch * 1.6)
    for i, s in enumerate(owner):
        th = -span / 2 + (i + 0.5) * step    # degrees clockwise from top
        gi = Image.new("L", (g, g), 0)
        ImageDraw.Draw(gi).text((g / 2, g / 2), s, font=f, fill=255, anchor="mm")
        gi = gi.resize((max(1, int(g * squeeze)), g), Image.LANCZOS)
        gw = gi.size[0]
        gpad = Image.new("L", (g, g), 0)
        gpad.paste(gi, ((g - gw) // 2, 0))
        gpad = gpad.rotate(-th, resample=Image.BICUBIC)
        x = c + rt * math.sin(math.radians(th)) - g / 2
        y = c - rt * math.cos(math.radians(th)) - g / 2
        img.paste(255, (int(x), int(y)), gpad)
    # star
    ro = R * r.uniform(0.28, 0.33)
    dr.polygon(star(c, c - R * 0.02, ro, ro * 0.382), fill=255)
    # bottom horizontal text
    if bottom_text:
        bf = font(fname, D * (0.085 if len(bottom_text) > 6 else 0.12))
        w = bf.getlength(bottom_text)
        maxw = R * 1.25
        if w > maxw:
            bf = font(fname, bf.size * maxw / w)
        dr.text((c, c + R * 0.55), bottom_text, font=bf, fill=255, anchor="mm")
    img = img.rotate(r.uniform(-18, 18), resample=Image.BICUBIC)
    img = img.resize((S // ss, S // ss), Image.LANCZOS)
    return np.asarray(img, dtype=np.float32) / 255.0, fname


def apply_seal(rgb, mask, cx, cy, color, opacity, nrng, hard=False):
    """Multiply-blend the ink mask onto rgb (HxWx3 float32, 0..255) centred at (cx, cy)."""
    S = mask.shape[0]
    # uneven ink: low-frequency density field plus per-pixel speckle and dropouts
    low = nrng.uniform(0.45 if hard else 0.7, 1.0, (7, 7)).astype(np.float32)
    low = np.asarray(Image.fromarray((low * 255).astype(np.uint8)).resize((S, S), Image.BICUBIC),
                     dtype=np.float32) / 255.0
    speck = 1.0 - nrng.normal(0, 0.12, (S, S)).astype(np.float32).clip(-0.2, 0.6)
    drop = (nrng.random((S, S)) < (0.10 if hard else 0.05)).astype(np.float32)
    a = mask * low * speck * (1 - 0.7 * drop) * opacity
    a = np.asarray(Image.fromarray((a.clip(0, 1) * 255).astype(np.uint8))
                   .filter(ImageFilter.GaussianBlur(0.6)), dtype=np.float32) / 255.0
    H, W = rgb.shape[:2]
    x0, y0 = int(round(cx - S / 2)), int(round(cy - S / 2))
    sx0, sy0 = max(0, -x0), max(0, -y0)
    px0, py0 = max(0, x0), max(0, y0)
    px1, py1 = min(W, x0 + S), min(H, y0 + S)
    if px1 <= px0 or py1 <= py0:
        return
    a = a[sy0:sy0 + (py1 - py0), sx0:sx0 + (px1 - px0)][..., None]
    col = np.array(color, dtype=np.float32) / 255.0
    region = rgb[py0:py1, px0:px1]
    region *= (1 - a) + a * col


def pick_color(r, level):
    if level == "hard" and r.random() < 0.45:
        name = r.choice(["pink", "orange"])
    else:
        name = "red"
    return name, r.choice(COLORS[name])


def bottom_text_for(r):
    k = r.random()
    if k < 0.45:
        return None
    if k < 0.75:
        return "".join(r.choice("0123456789") for _ in range(13))
    return r.choice(["专用章", "业务专用章", "公章", "行政审批专用章", "办公室"])
