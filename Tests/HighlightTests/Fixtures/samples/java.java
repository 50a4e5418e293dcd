package org.example;

public final class Main {
    @Override
    public String toString() { return "Main" + 42L; } // name
}
