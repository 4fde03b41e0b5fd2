import time

async def f():
    x = 1
# commented out = code(1) 0
# commented out = code(1) 1
# commented out = code(1) 2
# commented out = code(1) 3
# commented out = code(1) 4
# commented out = code(1) 5
# commented out = code(1) 6
# commented out = code(1) 7
# commented out = code(1) 8
# commented out = code(1) 9
# commented out = code(1) 10
# commented out = code(1) 11
# commented out = code(1) 12
# commented out = code(1) 13
# commented out = code(1) 14
# commented out = code(1) 15
# commented out = code(1) 16
# commented out = code(1) 17
# commented out = code(1) 18
# commented out = code(1) 19
# commented out = code(1) 20
# commented out = code(1) 21
# commented out = code(1) 22
# commented out = code(1) 23
# commented out = code(1) 24
# commented out = code(1) 25
# commented out = code(1) 26
# commented out = code(1) 27
# commented out = code(1) 28
# commented out = code(1) 29
# commented out = code(1) 30
# commented out = code(1) 31
# commented out = code(1) 32
# commented out = code(1) 33
# commented out = code(1) 34
# commented out = code(1) 35
# commented out = code(1) 36
# commented out = code(1) 37
# commented out = code(1) 38
# commented out = code(1) 39
    time.sleep(1)
