/// The Dockerfile → image/container model (filled in by the model work).
public enum LayerModelModule {}
