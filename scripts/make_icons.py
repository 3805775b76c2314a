"""Draw the application icon (resources/icons/selfcheck.png and .ico) from the bundled font.

Run once when the design changes: `.venv/bin/python scripts/make_icons.py`. The outputs are committed.
"""

from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

ROOT = Path(__file__).resolve().parents[1]
FONT = ROOT / "resources/fonts/wqy-microhei.ttc"
OUT = ROOT / "resources/icons"


def draw(size: int) -> Image.Image:
    img = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    r = size // 6
    d.rounded_rectangle((0, 0, size - 1, size - 1), radius=r, fill=(178, 34, 34, 255))
    inset = size // 14
    d.rounded_rectangle((inset, inset, size - 1 - inset, size - 1 - inset), radius=r - inset // 2,
                        outline=(255, 236, 200, 255), width=max(1, size // 40))
    font = ImageFont.truetype(str(FONT), int(size * 0.62), index=0)
    d.text((size / 2, size / 2 + size * 0.02), "查", font=font, fill=(255, 255, 255, 255), anchor="mm")
    return img


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    big = draw(256)
    big.save(OUT / "selfcheck.png")
    big.save(OUT / "selfcheck.ico", sizes=[(16, 16), (24, 24), (32, 32), (48, 48), (64, 64), (128, 128), (256, 256)])


if __name__ == "__main__":
    main()
