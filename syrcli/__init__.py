"""syrcli: refugee, displacement and casualty figures from news text, offline."""

from syrcli.extract import extract_figures, iter_figures
from syrcli.model import Category, Figure, Qualifier

__all__ = ["Category", "Figure", "Qualifier", "extract_figures", "iter_figures"]
__version__ = "0.1.0"
