package io.liora.common;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.UUID;

@Entity
@Table(name = "probe_notes")
public class ProbeNote extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "cliente_id", nullable = false)
    public UUID clienteId;

    @Column(nullable = false)
    public String text;
}
