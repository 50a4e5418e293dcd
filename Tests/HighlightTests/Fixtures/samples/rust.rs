use std::collections::HashMap;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut map: HashMap<&str, i32> = HashMap::new();
    map.insert("a", 1); // one
    println!("{:?}", map);
    Ok(())
}
