"""Pure Python: a Counter of the ids in a deque holding the current window."""

from collections import Counter, deque


def distinct_in_window(ids, window):
    inside, counts, out = deque(), Counter(), []
    for user in ids.tolist():
        inside.append(user)
        counts[user] += 1
        if len(inside) > window:
            leaving = inside.popleft()
            counts[leaving] -= 1
            if not counts[leaving]:
                del counts[leaving]
        out.append(len(counts))
    return out
