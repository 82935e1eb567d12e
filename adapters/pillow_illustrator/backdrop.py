"""Backdrops: the sky (by time of day) or the room, and the ground the hero stands on."""

from __future__ import annotations

from dataclasses import dataclass

from adapters.pillow_illustrator import nature
from adapters.pillow_illustrator.canvas import RGB, Canvas, darker, lighter, mix

SKIES: dict[str, tuple[RGB, RGB]] = {
    "day": ((92, 168, 235), (200, 230, 250)),
    "morning": ((140, 185, 235), (255, 214, 170)),
    "evening": ((86, 70, 160), (252, 160, 104)),
    "night": ((14, 20, 58), (52, 62, 124)),
}
GROUNDS: dict[str, RGB] = {
    "outdoor": (112, 186, 92),
    "forest": (86, 150, 74),
    "farm": (132, 190, 90),
    "desert": (236, 200, 130),
    "snowy": (236, 242, 250),
    "sea": (240, 214, 160),
    "city": (170, 170, 180),
    "stadium": (92, 170, 80),
}
WALLS = ((250, 226, 200), (214, 232, 216), (222, 222, 246), (250, 236, 180), (246, 214, 222))


@dataclass(frozen=True, slots=True)
class Stage:
    kind: str  # outdoor | indoor | space | underwater | sky
    ground_y: float  # where the hero's feet rest
    horizon_y: float  # where background things stand
    ground: RGB
    sky_top: float  # the band where sky things float: sky_top .. horizon_y
    night: bool


def _time(setting: str, time_of_day: str) -> str:
    if setting == "night" or time_of_day == "night":
        return "night"
    return time_of_day if time_of_day in SKIES else "day"


def _sky(cv: Canvas, time: str, bottom: float, open_top: float = 0.0) -> None:
    """The sky with its sun or moon and clouds; `open_top` (a fraction of the height) is kept
    empty for words set straight onto the sky."""
    top, low = SKIES[time]
    cv.gradient(top, low, 0, bottom)
    rng, u = cv.rng, cv.unit
    if time == "night":
        for _ in range(60):
            cv.circle(
                rng.uniform(0, cv.w),
                rng.uniform(0, bottom * 0.9),
                u * rng.uniform(0.2, 0.5),
                (255, 250, 220),
            )
        moon_y = max(cv.h * 0.14, cv.h * open_top + u * 20)
        nature.moon(cv, cv.w * rng.choice((0.15, 0.82)), moon_y, u * 16, top)
        return
    if time == "evening":
        nature.sun(cv, cv.w * rng.uniform(0.2, 0.8), bottom - u * 4, u * 26)
    else:
        sun_y = max(cv.h * 0.12, cv.h * open_top + u * 22)
        nature.sun(cv, cv.w * rng.choice((0.12, 0.88)), sun_y, u * 18)
    tint = (255, 226, 226) if time == "evening" else (255, 255, 255)
    for _ in range(rng.randint(2, 3)):
        nature.cloud(
            cv,
            rng.uniform(0.15, 0.85) * cv.w,
            (rng.uniform(0.08, 0.3) + open_top * 0.8) * cv.h,
            u * rng.uniform(14, 22),
            tint,
        )


def _outdoor(cv: Canvas, setting: str, time: str, open_top: float) -> Stage:
    rng, u = cv.rng, cv.unit
    horizon = cv.h * rng.uniform(0.58, 0.64)
    _sky(cv, time, horizon + u * 2, open_top)
    night = time == "night"
    ground = GROUNDS.get(setting, GROUNDS["outdoor"])
    if night:
        ground = mix(ground, (20, 30, 70), 0.45)
    if setting == "sea":
        water = mix((60, 140, 210), (20, 30, 70), 0.5 if night else 0)
        cv.gradient(lighter(water, 0.2), water, horizon, cv.h * 0.8)
        for _ in range(14):
            x, y = rng.uniform(0, cv.w), rng.uniform(horizon + u * 3, cv.h * 0.78)
            cv.draw.arc(
                (x - u * 3, y - u, x + u * 3, y + u),
                200,
                340,
                fill=lighter(water, 0.4),
                width=max(2, round(u * 0.4)),
            )
        cv.draw.rectangle((0, cv.h * 0.8, cv.w, cv.h), fill=ground)
        return Stage("outdoor", cv.h * 0.93, horizon + u * 6, ground, 0, night)
    far = {"desert": (226, 180, 120), "snowy": (210, 222, 240), "city": (150, 160, 190)}
    hill = mix(far.get(setting, (96, 160, 120)), (20, 30, 70), 0.45 if night else 0)
    if setting == "city":
        _skyline(cv, horizon, hill, night)
    else:
        nature.hills(cv, horizon, hill)
    cv.gradient(lighter(ground, 0.08), darker(ground, 0.1), horizon, cv.h)
    if setting == "stadium":
        _stands(cv, horizon)
    if setting in ("forest", "snowy"):
        paint = nature.pine if setting == "snowy" else nature.tree
        for i in range(7):
            paint(
                cv, cv.w * (i + rng.uniform(0.1, 0.9)) / 7, horizon + u * 2, u * rng.uniform(14, 20)
            )
    if setting == "farm":
        for i in range(6):
            y = horizon + u * (3 + i * 1.6)
            cv.draw.line((0, y, cv.w, y), fill=darker(ground, 0.12), width=max(1, round(u * 0.4)))
        _fence(cv, horizon + u * 10)
    if setting == "snowy":
        for _ in range(70):
            cv.circle(
                rng.uniform(0, cv.w),
                rng.uniform(0, cv.h),
                u * rng.uniform(0.3, 0.7),
                (255, 255, 255),
            )
    elif setting not in ("city", "desert"):
        nature.grass_tufts(cv, horizon, darker(ground, 0.18))
    return Stage("outdoor", cv.h * rng.uniform(0.9, 0.94), horizon + u * 3, ground, 0, night)


def _skyline(cv: Canvas, horizon: float, colour: RGB, night: bool) -> None:
    rng, u = cv.rng, cv.unit
    x = 0.0
    window = (255, 226, 120) if night else lighter(colour, 0.45)
    while x < cv.w:
        width, height = u * rng.uniform(8, 14), u * rng.uniform(14, 34)
        tone = mix(colour, (255, 255, 255), rng.uniform(0, 0.25))
        cv.draw.rectangle((x, horizon - height, x + width, horizon + u * 2), fill=tone)
        for wy in range(int(horizon - height + u * 2), int(horizon - u * 2), int(u * 4)):
            for wx in range(int(x + u * 1.5), int(x + width - u * 2), int(u * 3.5)):
                cv.draw.rectangle((wx, wy, wx + u * 1.4, wy + u * 2), fill=window)
        x += width + u * rng.uniform(0.5, 2)


def _stands(cv: Canvas, horizon: float) -> None:
    rng, u = cv.rng, cv.unit
    cv.draw.rectangle((0, horizon - u * 14, cv.w, horizon), fill=(120, 110, 150))
    fans = ((230, 80, 80), (250, 210, 70), (80, 150, 230), (255, 255, 255), (100, 200, 120))
    for row in range(3):
        y = horizon - u * (11 - row * 4)
        for i in range(int(cv.w / (u * 3))):
            cv.circle(i * u * 3 + rng.uniform(0, u), y, u * 1.1, rng.choice(fans))
    for i in range(8):  # mown stripes on the pitch
        if i % 2:
            top = horizon + (cv.h - horizon) * i / 8
            cv.draw.rectangle((0, top, cv.w, top + (cv.h - horizon) / 8), fill=(102, 180, 88))


def _fence(cv: Canvas, y: float) -> None:
    u = cv.unit
    wood = (190, 150, 100)
    cv.draw.rectangle((0, y - u * 5, cv.w, y - u * 4), fill=wood)
    cv.draw.rectangle((0, y - u * 2.5, cv.w, y - u * 1.5), fill=wood)
    for i in range(int(cv.w / (u * 8)) + 1):
        cv.draw.rectangle((i * u * 8, y - u * 7, i * u * 8 + u * 1.4, y), fill=darker(wood, 0.1))


SPACE_SKIES = (
    ((10, 8, 40), (54, 30, 96)),
    ((6, 16, 48), (30, 70, 120)),
    ((30, 6, 40), (90, 30, 90)),
)
SPACE_GROUNDS = ((170, 170, 190), (200, 120, 90), (150, 130, 200))


def _space(cv: Canvas) -> Stage:
    rng, u = cv.rng, cv.unit
    cv.gradient(*rng.choice(SPACE_SKIES))
    for _ in range(120):
        cv.circle(
            rng.uniform(0, cv.w),
            rng.uniform(0, cv.h),
            u * rng.uniform(0.15, 0.5),
            rng.choice(((255, 255, 255), (255, 230, 160), (180, 210, 255))),
        )
    for _ in range(rng.randint(1, 2)):  # far-off planets, different on every page
        colour = rng.choice(((230, 140, 90), (140, 200, 230), (200, 150, 230), (120, 200, 140)))
        px, py, r = (
            cv.w * rng.uniform(0.1, 0.9),
            cv.h * rng.uniform(0.1, 0.3),
            u * rng.uniform(5, 12),
        )
        cv.circle(px, py, r, colour)
        cv.oval(px - r * 0.3, py - r * 0.3, r * 0.3, r * 0.2, lighter(colour, 0.3))
        if rng.random() < 0.6:
            cv.draw.arc(
                (px - r * 1.7, py - r * 0.45, px + r * 1.7, py + r * 0.45),
                -10,
                190,
                fill=lighter(colour, 0.4),
                width=max(2, round(u * 1.2)),
            )
    ground = rng.choice(SPACE_GROUNDS)
    cv.oval(cv.w * rng.uniform(0.4, 0.6), cv.h * 1.25, cv.w * 0.9, cv.h * 0.4, ground)
    for _ in range(6):
        cv.oval(
            rng.uniform(0.1, 0.9) * cv.w,
            rng.uniform(0.9, 0.98) * cv.h,
            u * 4,
            u * 1.3,
            darker(ground, 0.15),
        )
    return Stage("space", cv.h * 0.92, cv.h * 0.86, ground, 0, True)


def _underwater(cv: Canvas) -> Stage:
    rng, u = cv.rng, cv.unit
    cv.gradient((90, 200, 230), (20, 70, 150))
    for i in range(4):  # light rays from the surface
        x = cv.w * (0.1 + i * 0.25 + rng.uniform(-0.05, 0.05))
        cv.draw.polygon(
            [(x, 0), (x + u * 6, 0), (x + u * 18, cv.h * 0.8), (x + u * 8, cv.h * 0.8)],
            fill=(110, 195, 228) if i % 2 else (96, 180, 220),
        )
    sand = (226, 200, 150)
    cv.oval(cv.w / 2, cv.h * 1.05, cv.w * 0.8, cv.h * 0.2, sand)
    cv.draw.rectangle((0, cv.h * 0.92, cv.w, cv.h), fill=sand)
    for _ in range(6):
        x = rng.uniform(0, cv.w)
        for k in range(4):
            cv.circle(x + (k % 2) * u * 1.5, cv.h * 0.9 - k * u * 4, u * 2, (60, 150, 90))
    for _ in range(25):
        cv.circle(
            rng.uniform(0, cv.w),
            rng.uniform(0, cv.h * 0.85),
            u * rng.uniform(0.5, 1.4),
            (200, 236, 250),
            outline=(240, 250, 255),
        )
    return Stage("underwater", cv.h * 0.93, cv.h * 0.88, sand, 0, False)


def _sky_kingdom(cv: Canvas, time: str, open_top: float) -> Stage:
    rng, u = cv.rng, cv.unit
    _sky(cv, time, cv.h, open_top)
    nature.rainbow(cv, cv.w * rng.uniform(0.3, 0.7), cv.h * 0.62, u * 70)
    for i in range(9):
        nature.cloud(cv, cv.w * i / 8, cv.h * rng.uniform(0.86, 0.92), u * 34)
    return Stage("sky", cv.h * 0.9, cv.h * 0.8, (255, 255, 255), 0, time == "night")


def _indoor(cv: Canvas, setting: str, time: str) -> Stage:
    rng, u = cv.rng, cv.unit
    wall = (252, 232, 170) if setting == "bakery" else rng.choice(WALLS)
    if time == "night":
        wall = mix(wall, (40, 40, 90), 0.45)
    floor_y = cv.h * 0.72
    cv.gradient(lighter(wall, 0.1), wall, 0, floor_y)
    for i in range(0, int(cv.w / (u * 8)) + 1):  # wallpaper stripes
        cv.draw.rectangle((i * u * 8, 0, i * u * 8 + u * 2, floor_y), fill=darker(wall, 0.04))
    wx = cv.w * rng.choice((0.22, 0.74))
    frame = (255, 255, 255)
    cv.draw.rectangle((wx - u * 14, cv.h * 0.1, wx + u * 14, cv.h * 0.44), fill=frame)
    glass = Canvas.new(round(u * 25), round(cv.h * 0.31), rng)  # the view through the window
    _sky(glass, time, glass.h)
    cv.img.paste(glass.img, (round(wx - u * 12.5), round(cv.h * 0.115)))
    cv.draw.rectangle((wx - u * 0.6, cv.h * 0.1, wx + u * 0.6, cv.h * 0.44), fill=frame)
    cv.draw.rectangle((wx - u * 14, cv.h * 0.27, wx + u * 14, cv.h * 0.28), fill=frame)
    floor = (196, 146, 100) if time != "night" else (120, 90, 80)
    cv.gradient(floor, darker(floor, 0.15), floor_y, cv.h)
    for i in range(1, 6):
        y = floor_y + (cv.h - floor_y) * i / 6
        cv.draw.line((0, y, cv.w, y), fill=darker(floor, 0.2), width=max(1, round(u * 0.3)))
    rug = rng.choice(((220, 90, 90), (90, 140, 210), (120, 180, 120)))
    cv.oval(cv.w * 0.5, cv.h * 0.9, cv.w * 0.36, cv.h * 0.07, rug)
    cv.oval(cv.w * 0.5, cv.h * 0.9, cv.w * 0.28, cv.h * 0.045, lighter(rug, 0.3))
    if setting == "bakery":
        cv.draw.rectangle((0, floor_y - u * 12, cv.w * 0.35, floor_y), fill=(180, 120, 80))
    return Stage("indoor", cv.h * 0.92, floor_y, floor, cv.h * 0.05, time == "night")


def paint_backdrop(cv: Canvas, setting: str, time_of_day: str, open_top: float = 0.0) -> Stage:
    setting = setting.lower().strip()
    time = _time(setting, time_of_day)
    if setting == "space":
        return _space(cv)
    if setting == "underwater":
        return _underwater(cv)
    if setting == "sky":
        return _sky_kingdom(cv, time, open_top)
    if setting in ("indoor", "bakery", "bedroom", "kitchen", "home"):
        return _indoor(cv, setting, time)
    return _outdoor(cv, setting, time, open_top)
