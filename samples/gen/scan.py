"""Scanner-like degradation and JPEG encoding, per level.

clean:   300 dpi, no skew, no noise, JPEG q 90.
typical: 200-300 dpi, skew U(-2.5, 2.5) deg per page, blur sigma 0.4-0.8, noise sigma 4-8,
         off-white/grey paper, JPEG q 70-80 (kept low for repository size).
hard:    200 dpi, skew U(-4, 4), blur 0.8-1.2, noise 8-14, uneven illumination,
         lower contrast, faded seal colours, JPEG q 50-65.
"""
import io

import numpy as np
from PIL import Image, ImageFilter

LEVELS = ["clean", "typical", "hard"]


def scan_params(r, level):
    """Per-document scan parameters (skew is drawn per page by page_skew)."""
    if level == "clean":
        return {"dpi": 300, "blur": 0.0, "noise": 0.0, "jpeg_q": 90, "paper": [255, 255, 255],
                "contrast": [0, 255], "illum": 0.0}
    if level == "typical":
        g = r.randint(236, 250)
        return {"dpi": r.choices([200, 220, 240, 250, 300], [2, 2, 3, 3, 1])[0],
                "blur": round(r.uniform(0.4, 0.8), 2),
                "noise": round(r.uniform(4, 8), 2), "jpeg_q": r.randint(70, 80),
                "paper": [g + r.randint(0, 5), g + r.randint(0, 4), g - r.randint(0, 4)],
                "contrast": [r.randint(0, 15), 255], "illum": round(r.uniform(0.0, 0.05), 3)}
    g = r.randint(215, 235)
    return {"dpi": 200, "blur": round(r.uniform(0.8, 1.2), 2), "noise": round(r.uniform(8, 14), 2),
            "jpeg_q": r.randint(50, 65),
            "paper": [g + r.randint(0, 8), g + r.randint(0, 6), g - r.randint(0, 8)],
            "contrast": [r.randint(35, 60), r.randint(232, 250)],
            "illum": round(r.uniform(0.12, 0.25), 3)}


def page_skew(r, level):
    if level == "clean":
        return 0.0
    lim = 2.5 if level == "typical" else 4.0
    return round(r.uniform(-lim, lim), 2)


def degrade(rgb, p, skew, nrng):
    """rgb: HxWx3 float32 0..255 (white paper). Returns a PIL RGB image."""
    H, W = rgb.shape[:2]
    lo, hi = p["contrast"]
    paper = np.array(p["paper"], dtype=np.float32) / 255.0
    # paper tint (multiply) and contrast compression
    img = rgb * paper
    img = lo + img * (hi - lo) / 255.0
    if p["illum"] > 0:
        # smooth uneven illumination: a tilted plane plus a low-frequency bump field
        gy, gx = np.mgrid[0:H:8, 0:W:8].astype(np.float32)
        ax, ay = nrng.uniform(-1, 1, 2)
        plane = (ax * gx / W + ay * gy / H)
        bumps = nrng.normal(0, 1, (5, 4)).astype(np.float32)
        bumps = np.asarray(Image.fromarray(bumps, mode="F").resize(plane.shape[::-1], Image.BICUBIC))
        f = plane + 0.5 * bumps
        f = (f - f.min()) / max(1e-6, f.max() - f.min())
        f = 1.0 - p["illum"] * f
        f = np.asarray(Image.fromarray(f.astype(np.float32), mode="F").resize((W, H), Image.BILINEAR))
        img = img * f[..., None]
    im = Image.fromarray(img.clip(0, 255).astype(np.uint8), "RGB")
    if skew:
        fill = tuple(int(v) for v in (lo + paper * 255 * (hi - lo) / 255.0))
        im = im.rotate(skew, resample=Image.BICUBIC, expand=False, fillcolor=fill)
    if p["blur"] > 0:
        im = im.filter(ImageFilter.GaussianBlur(p["blur"]))
    if p["noise"] > 0:
        a = np.asarray(im, dtype=np.float32)
        n = nrng.normal(0, p["noise"], (H, W, 1)).astype(np.float32)        # luminance noise
        n = n + nrng.normal(0, p["noise"] * 0.15, (H, W, 3)).astype(np.float32)  # a little chroma
        im = Image.fromarray((a + n).clip(0, 255).astype(np.uint8), "RGB")
    return im


def jpeg_bytes(im, q):
    b = io.BytesIO()
    im.save(b, "JPEG", quality=q, subsampling=2, optimize=True, progressive=True)
    return b.getvalue()
