x = foo(
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
    1,
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
)
def g():
    y = [
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
    ]
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
    return y
