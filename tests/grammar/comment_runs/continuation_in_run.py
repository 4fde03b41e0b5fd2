import time


def f():
    x = 1
    \
# a comment after a continued blank line
# c
    time.sleep(x)


async def g():
    y = 2
\
# c
# c
    return y
