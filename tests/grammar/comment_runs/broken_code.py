def f(:
    x = 
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
    return (
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
async def g():
    await
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
