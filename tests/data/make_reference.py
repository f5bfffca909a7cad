"""Writes reference.tsv: sigmoid and exp at 50 significant digits, rounded once to
float64, for inputs that are exact float64 values. Run: python3 make_reference.py"""
import random
from decimal import Decimal, getcontext

getcontext().prec = 50
random.seed(20261128)
xs = [k / 8 for k in range(-400, 401)]
xs += [random.uniform(-40, 40) for _ in range(400)]
xs += [random.uniform(-745, 709) for _ in range(200)]
xs += [-745.0, -700.0, 1e-9, -1e-9, 5e-324, 709.0, 709.78]
with open("reference.tsv", "w") as out:
    out.write("# function\tx\texpected (float64 nearest to the exact value)\n")
    for x in xs:
        d = Decimal(x)
        sig = 1 / (1 + (-d).exp())
        out.write(f"sigmoid\t{x!r}\t{float(sig)!r}\n")
        if x < 709.78:
            out.write(f"exp\t{x!r}\t{float(d.exp())!r}\n")
