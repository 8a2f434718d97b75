# `legacy_report` is a slow synchronous library call that you cannot change. Make `fetch_report`
# call it without blocking the event loop (in a worker thread), and make `fetch_reports` fetch
# several reports at the same time, returning them in the order of `numbers`.
# Lesson 5: Blocking vs non-blocking (`tutor lesson 5`)

import asyncio
import time


def legacy_report(n: int) -> str:
    """A synchronous call from an old library: it blocks its thread for 0.3 s. Do not change it."""
    time.sleep(0.3)
    return f"report {n}"


async def fetch_report(n: int) -> str:
    """Return `legacy_report(n)`, keeping the event loop free while it runs."""
    return legacy_report(n)  # TODO: this blocks the event loop for 0.3 s


async def fetch_reports(numbers: list[int]) -> list[str]:
    """Fetch the report of every number at the same time; return them in the order of `numbers`."""
    raise NotImplementedError("run fetch_report for every number concurrently, then return the reports in order")


if __name__ == "__main__":
    start = time.perf_counter()
    print(asyncio.run(fetch_reports([1, 2, 3, 4])))
    print(f"took {time.perf_counter() - start:.2f} s")  # about 0.3 s once it works
