import LayerModel
/// SVG views of the layer model (filled in by the diagrams work).
public enum DiagramsModule {}
