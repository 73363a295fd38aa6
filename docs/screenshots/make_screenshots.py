"""Regenerate the SVG screenshots of the docs from the demo data.

    uv run python docs/screenshots/make_screenshots.py

Each screen is rendered at 120x40 on a fresh demo database with today pinned to
2026-11-22, so the pictures only change when the screens do.
"""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
from pathlib import Path
from zoneinfo import ZoneInfo

HERE = Path(__file__).resolve().parent
TODAY = "2026-11-22"
SHOTS = {"agenda": "1", "board": "2", "opportunities": "3", "people": "4", "letters": "5", "offers": "6"}


async def shoot(db: Path, only: set[str]) -> None:
    from tracker.tui.app import TrackerApp

    app = TrackerApp(db, watch_interval=0)
    async with app.run_test(size=(120, 40)) as pilot:
        for name, key in SHOTS.items():
            if only and name not in only:
                continue
            await pilot.press(key)
            for _ in range(40):  # wait for the worker to fill the screen
                await pilot.pause(0.05)
            await pilot.wait_for_scheduled_animations()
            app.save_screenshot(filename=f"{name}.svg", path=str(HERE))
            print(f"wrote {HERE / (name + '.svg')}")


def main() -> None:
    os.environ["TRACKER_TODAY"] = TODAY
    from datetime import date

    from tracker.demo.season import load_demo
    from tracker.store import open_store

    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "demo.db"
        store = open_store(db)
        load_demo(store, today=date.fromisoformat(TODAY), zone=ZoneInfo("Asia/Kolkata"))
        store.close()
        asyncio.run(shoot(db, set(sys.argv[1:])))


if __name__ == "__main__":
    main()
