"""Build the knowledge graph: ``python build_graph.py [PATHS…] [--out out/]``.

With no paths it builds the bundled sample corpus (data/corpus/). The same as ``kg build``.
"""

from kg.cli import build_command

if __name__ == "__main__":
    build_command(prog_name="build_graph.py")
