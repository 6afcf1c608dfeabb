"""Minimal deterministic image-only PDF writer: one JPEG (/DCTDecode) per page, no dates/IDs."""


def write_pdf(path, pages):
    """pages: list of (jpeg_bytes, width_px, height_px, width_pt, height_pt)."""
    objs = []  # index i -> bytes of object i+1

    def add(b):
        objs.append(b)
        return len(objs)

    n = len(pages)
    # object numbers: 1 catalog, 2 pages, then per page: page, content, image
    page_ids = [3 + 3 * i for i in range(n)]
    add(b"<< /Type /Catalog /Pages 2 0 R >>")
    kids = " ".join("%d 0 R" % i for i in page_ids)
    add(("<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, n)).encode())
    for i, (jpg, wpx, hpx, wpt, hpt) in enumerate(pages):
        pid = page_ids[i]
        add(("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %.2f %.2f] "
             "/Resources << /XObject << /Im0 %d 0 R >> >> /Contents %d 0 R >>"
             % (wpt, hpt, pid + 2, pid + 1)).encode())
        content = ("q %.2f 0 0 %.2f 0 0 cm /Im0 Do Q" % (wpt, hpt)).encode()
        add(b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream")
        add(b"<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceRGB "
            b"/BitsPerComponent 8 /Filter /DCTDecode /Length %d >>\nstream\n" % (wpx, hpx, len(jpg))
            + jpg + b"\nendstream")
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offs = []
    for i, b in enumerate(objs):
        offs.append(len(out))
        out += b"%d 0 obj\n" % (i + 1) + b + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    for o in offs:
        out += b"%010d 00000 n \n" % o
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    with open(path, "wb") as f:
        f.write(out)
