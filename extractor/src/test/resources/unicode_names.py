# -*- coding: utf-8 -*-
"""Names after emoji and accented characters on the same line: 🎉 café naïve."""

GREETING = "héllo 👋 wörld"; after_emoji = len(GREETING)


def décor(value):
    return value


class Café:
    """☕ coffee 🎉🎉"""

    def naïve(self, ü="😀"): return ü + GREETING


x = "🎉🎉🎉"; y = décor(x); z = Café().naïve(ü="é😀")
𝒮 = "math script capital S is outside the BMP"; w = 𝒮 + y
