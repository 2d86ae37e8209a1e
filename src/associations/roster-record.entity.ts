import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

@Entity('roster_record')
export class RosterRecord {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid') associationId: string;
  @Column('text') credentialNumber: string;
  @Column('text') credentialNumberNorm: string;
  @Column('text') firstName: string;
  @Column('text', { nullable: true }) middleName: string | null;
  @Column('text') lastName: string;
  @Column('text') credentialType: string;
  @Column('text') status: string;
  @Column('date') issuedOn: string;
  @Column('date', { nullable: true }) expiresOn: string | null;
  @Column('text', { nullable: true }) city: string | null;
  @Column('text', { nullable: true }) region: string | null;
  @Column('text') contentHash: string;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}
